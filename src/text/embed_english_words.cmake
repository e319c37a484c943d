# Writes OUT (a C++ source) with the lower-case words of 3+ letters of
# WORDS (Debian's wamerican list, /usr/share/dict/american-english), one per
# line, as a string: the English words a Latin brand name can also be.
# cmake -DWORDS=... -DOUT=... -P embed_english_words.cmake
file(STRINGS "${WORDS}" words REGEX "^[a-z][a-z][a-z]+$")
list(JOIN words "\n" content)
file(WRITE "${OUT}.tmp" "// Generated from ${WORDS} by src/text/embed_english_words.cmake. Do not edit.\n#include \"text/lexicon_data.h\"\nnamespace ipguard::text {\nstd::string_view EmbeddedEnglishWords() {\n  return R\"IPGWORDS(${content}\n)IPGWORDS\";\n}\n}  // namespace ipguard::text\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
