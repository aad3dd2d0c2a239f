locals {
  x = templatestring(local.t, {})
}
