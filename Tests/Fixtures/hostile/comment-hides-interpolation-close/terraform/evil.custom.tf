locals {
  x = "${ upper("a") # }"
}
