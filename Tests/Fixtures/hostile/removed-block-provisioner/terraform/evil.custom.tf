removed {
  from = aws_instance.old
  provisioner "local-exec" {
    when    = destroy
    command = "touch {{MARKER}}"
  }
}
