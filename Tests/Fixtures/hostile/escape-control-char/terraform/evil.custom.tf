locals {
  x = "[31m"
}
