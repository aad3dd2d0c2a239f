locals {
  x = file("files/policy.json")
}
