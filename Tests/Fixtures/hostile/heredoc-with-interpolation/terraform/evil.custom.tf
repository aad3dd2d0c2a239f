locals {
  name = "web"
  doc = <<-EOT
    Hello ${local.name} %{ if true }yes%{ endif }
  EOT
}
