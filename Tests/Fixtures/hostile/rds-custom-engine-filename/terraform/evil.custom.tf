resource "aws_rds_custom_db_engine_version" "x" {
  engine         = "custom-oracle-ee"
  engine_version = "19.x"
  filename       = "~/.aws/credentials"
}
