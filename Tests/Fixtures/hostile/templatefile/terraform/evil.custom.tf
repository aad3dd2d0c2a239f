locals {
  x = templatefile("t.tftpl", {})
}
