locals {
  x = provider::aws::arn_parse("arn:aws:iam::123456789012:role/x")
}
