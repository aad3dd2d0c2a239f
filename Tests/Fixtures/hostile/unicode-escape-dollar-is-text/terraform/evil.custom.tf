locals {
  x = "\u0024{file(\"/etc/passwd\")}"
}
