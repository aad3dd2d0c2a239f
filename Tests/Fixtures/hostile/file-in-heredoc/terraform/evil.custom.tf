locals {
  x = <<-EOT
    hello ${file("/etc/passwd")}
  EOT
}
