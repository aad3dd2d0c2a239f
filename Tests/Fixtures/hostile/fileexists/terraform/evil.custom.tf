locals {
  x = fileexists("/root/.ssh/id_rsa")
}
