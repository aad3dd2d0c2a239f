locals {
  x = 1
}
