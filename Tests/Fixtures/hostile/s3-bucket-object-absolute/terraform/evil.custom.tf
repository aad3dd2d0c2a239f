resource "aws_s3_bucket_object" "x" {
  bucket = "b"
  key    = "k"
  source = "{{MARKER}}"
}
