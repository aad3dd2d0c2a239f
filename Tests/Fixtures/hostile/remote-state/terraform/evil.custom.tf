data "terraform_remote_state" "x" {
  backend = "local"
  config = {
    path = "/data/state/other/terraform.tfstate"
  }
}
