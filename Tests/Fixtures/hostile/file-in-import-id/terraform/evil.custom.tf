import {
  to = aws_s3_bucket.b
  id = file("/etc/hostname")
}
