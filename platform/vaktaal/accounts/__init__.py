"""Groups and learners: joining with a code, remembered phones, login cards and PINs."""
