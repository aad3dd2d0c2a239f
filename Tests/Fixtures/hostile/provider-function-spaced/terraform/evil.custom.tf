locals {
  x = provider :: aws :: arn_parse("arn:aws:iam::1:role/x")
}
