locals {
  x = abspath(".")
}
