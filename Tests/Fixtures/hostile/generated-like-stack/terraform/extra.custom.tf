resource "aws_s3_bucket_versioning" "ok" {
  bucket = aws_s3_bucket.ok.id
  versioning_configuration {
    status = "Enabled"
  }
}
