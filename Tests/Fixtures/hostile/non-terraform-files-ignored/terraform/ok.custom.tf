resource "aws_s3_bucket" "ok" {
  bucket = "hostile-suite-ok"
}
