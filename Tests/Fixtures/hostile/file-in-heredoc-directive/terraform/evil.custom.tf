locals {
  x = <<EOT
%{ for l in split("\n", file("/etc/passwd")) }${l}
%{ endfor }
EOT
}
