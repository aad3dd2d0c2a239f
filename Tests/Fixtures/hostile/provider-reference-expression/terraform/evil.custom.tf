data "aws_caller_identity" "me" {
  provider = aws.x[0]
}
