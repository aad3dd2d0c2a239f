data "aws_caller_identity" "me" {
  provider = evil.x
}
