# Read by cpack (CPACK_PROJECT_CONFIG_FILE). Each package's Description starts with its own synopsis
# (CPACK_DEBIAN_<COMPONENT>_DESCRIPTION); without a summary, CPackDeb does not put the project's first.
unset(CPACK_PACKAGE_DESCRIPTION_SUMMARY)
