locals {
  x = pathexpand("~/.aws/credentials")
}
