resource "aws_s3_object" "x" {
  bucket  = "b"
  key     = "k"
  content = file("/etc/passwd")
}
