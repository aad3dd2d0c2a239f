locals {
  x = evil("x")
}
