resource "aws_s3_bucket" "b" {
  count  = length(file("/etc/passwd"))
  bucket = "x"
}
