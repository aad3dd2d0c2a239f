provider "aws" {
  alias  = "base"
  region = "us-east-1"
}
data "aws_caller_identity" "me" {
  provider = aws.base
}
