provider "aws" {
  shared_config_files = ["{{MARKER}}"]
}
