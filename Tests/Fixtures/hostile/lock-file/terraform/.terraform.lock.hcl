provider "registry.terraform.io/evilcorp/aws" {}
