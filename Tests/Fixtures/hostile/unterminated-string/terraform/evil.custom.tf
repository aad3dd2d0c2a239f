locals {
  x = "abc
}
resource "terraform_data" "x" {
  provisioner "local-exec" {
    command = "touch {{MARKER}}"
  }
}
