# Writes OUT (a C++ source) with every data/lexicons/*.txt as a string.
# cmake -DDIR=... -DOUT=... -P embed_lexicons.cmake
file(GLOB files "${DIR}/*.txt")
list(SORT files)
set(body "// Generated from data/lexicons by src/text/embed_lexicons.cmake. Do not edit.\n#include \"text/lexicon_data.h\"\nnamespace ipguard::text {\nstd::string_view EmbeddedLexicon(std::string_view name) {\n")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  file(READ "${f}" content)
  string(APPEND body "  if (name == \"${name}\") return R\"IPGLEX(${content})IPGLEX\";\n")
endforeach()
string(APPEND body "  return {};\n}\n}  // namespace ipguard::text\n")
file(WRITE "${OUT}.tmp" "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
