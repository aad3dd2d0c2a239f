provider "aws" {
  profile = "admin"
}
