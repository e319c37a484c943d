// The lexicon files of data/lexicons/, embedded at build time.
#pragma once

#include <string_view>

namespace ipguard::text {

// The content of data/lexicons/NAME.txt as built in; empty when unknown.
std::string_view EmbeddedLexicon(std::string_view name);

// Debian's English word list (wamerican): its lower-case words of 3+
// letters, one per line, as built in.
std::string_view EmbeddedEnglishWords();

}  // namespace ipguard::text
