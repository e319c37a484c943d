// The fixed vocabulary of the demo marketplace: brands with their official
// spellings, aliases and the disguises sellers use; protected works;
// creators; product words; and the phrases of lawful look-alikes. All names
// of people are fictional.
#pragma once

#include <string>
#include <vector>

namespace ipguard::demo {

struct Disguise {
  std::string text;     // how a seller writes the brand
  std::string variant;  // the transformation a detector must undo
};

struct DemoBrand {
  std::string id, holder, holder_name;
  std::vector<std::string> names, aliases;
  std::string category;
  double price_floor;
  std::vector<std::string> generic_senses;  // lawful uses of the name
  std::vector<Disguise> disguises;
  std::vector<std::string> products;       // product words after the brand
  std::vector<std::string> lawful_titles;  // hard negatives that contain the name
};

struct DemoWork {
  std::string id, holder, holder_name, type, title, author, isbn;
  std::vector<std::string> aliases;
};

struct DemoCreator {
  std::string id, holder, holder_name;
  std::vector<std::string> names, aliases;
};

const std::vector<DemoBrand>& Brands();
const std::vector<DemoWork>& Works();
const std::vector<DemoCreator>& Creators();

// Ordinary product titles with no protected name.
const std::vector<std::string>& GenericTitles();
// Counterfeit-indicator words (高仿, A货...).
const std::vector<std::string>& CounterfeitWords();
// Contact lures and their normalized value: {text, channel, value}.
struct Lure {
  std::string text, channel, value;
};
const std::vector<Lure>& Lures();
// Texts full of numbers and platform names that are not contacts.
const std::vector<std::string>& LawfulNumberTexts();
// Resource-selling wording for pirated works.
const std::vector<std::string>& PiracyWords();
// Lawful ways to sell or mention a work (second-hand, genuine copies).
const std::vector<std::string>& LawfulWorkPhrases();
// Fans talking about a creator (lawful).
const std::vector<std::string>& FanPhrases();
// Selling with a creator's name (unlawful without authorization).
const std::vector<std::string>& CreatorSalesPhrases();

}  // namespace ipguard::demo
