locals {
  x = <<EOT
provisioner
}
