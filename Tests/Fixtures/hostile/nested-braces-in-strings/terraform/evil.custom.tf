locals {
  x = "${jsonencode({ a = "}", b = "${upper("{")}" })}"
}
