locals {
  x = `id`
}
