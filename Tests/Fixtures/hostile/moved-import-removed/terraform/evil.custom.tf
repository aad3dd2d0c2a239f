moved {
  from = aws_s3_bucket.a
  to   = aws_s3_bucket.b
}
import {
  to = aws_s3_bucket.b
  id = "existing-bucket"
}
removed {
  from = aws_s3_bucket.c
  lifecycle {
    destroy = false
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "existing-bucket"
}
