mock_resource "aws_s3_bucket" {}
