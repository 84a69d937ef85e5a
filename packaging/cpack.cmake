# The Debian package (`make package`): the program with the web app inside it, the service unit,
# the settings as a conffile, and maintainer scripts that make the pillars user and data folder.
install(TARGETS pillars RUNTIME DESTINATION bin COMPONENT pillars)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/pillars.service DESTINATION /lib/systemd/system COMPONENT pillars)
install(FILES ${CMAKE_CURRENT_LIST_DIR}/pillars.toml DESTINATION /etc/pillars COMPONENT pillars)
install(FILES ${CMAKE_SOURCE_DIR}/docs/operations.md ${CMAKE_SOURCE_DIR}/docs/ownership.md
              ${CMAKE_CURRENT_LIST_DIR}/nginx/pillars.conf ${CMAKE_CURRENT_LIST_DIR}/caddy/Caddyfile
        DESTINATION share/doc/pillars COMPONENT pillars)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME pillars)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "Pillars maintainers <pillars@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "private space for two people to keep closeness and separateness in balance")
set(CPACK_PACKAGE_DESCRIPTION "Pillars is a self-hosted web app for two people who are close: check-ins, an inner
world of one's own, shared questions, and the two needs of closeness and space. One program serves
the web app and its API over an embedded SQLite database kept in /var/lib/pillars.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES TRUE)
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};${PROJECT_NAME};pillars;/")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# The libraries the program links (from dpkg-shlibdeps), plus what the maintainer scripts call.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, init-system-helpers (>= 1.54)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "caddy | nginx")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_LIST_DIR}/debian/conffiles
    ${CMAKE_CURRENT_LIST_DIR}/debian/postinst
    ${CMAKE_CURRENT_LIST_DIR}/debian/prerm
    ${CMAKE_CURRENT_LIST_DIR}/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION TRUE)
include(CPack)
