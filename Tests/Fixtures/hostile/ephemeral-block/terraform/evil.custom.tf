ephemeral "aws_secretsmanager_secret_version" "s" {
  secret_id = "x"
}
