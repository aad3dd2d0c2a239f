resource "aws_s3_object" "x" {
  bucket = "b"
  key    = "index.html"
  source = "${path.module}/site/index.html"
}
