terraform {
  required_providers {
    aws = { source = "evilcorp/aws" }
  }
}
