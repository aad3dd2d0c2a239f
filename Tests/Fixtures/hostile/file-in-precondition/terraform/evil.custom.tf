resource "aws_s3_bucket" "b" {
  bucket = "x"
  lifecycle {
    precondition {
      condition     = true
      error_message = file("/etc/passwd")
    }
  }
}
