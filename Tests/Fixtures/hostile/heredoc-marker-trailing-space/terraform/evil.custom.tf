locals {
  x = <<EOT
line
EOT  
  y = file("/etc/passwd")
EOT
}
