// Demo data: an original chat between andrewbrown (rewatching Babylon 5) and bayko (first time through,
// currently in season 2). See demo_conversation.hpp.
#include "app/demo_conversation.hpp"

#include <array>

namespace cruddur::app {
namespace {

constexpr bool kAndrew = true;
constexpr bool kBayko = false;

constexpr std::array kConversation{
    DemoLine{kAndrew, "hey, you around?"},
    DemoLine{kBayko, "yep, just finished lunch. what's up?"},
    DemoLine{kAndrew, "started a Babylon 5 rewatch last weekend 🚀"},
    DemoLine{kBayko, "no way. I'm in the middle of it right now. first time through, though"},
    DemoLine{kAndrew, "wait, really? how far are you?"},
    DemoLine{kBayko, "early season 2. I've tried to finish it twice before and life kept getting in the way"},
    DemoLine{kAndrew, "ok this is great. I promise to be extremely careful with spoilers"},
    DemoLine{kBayko, "you say that, but you have a face that spoils things"},
    DemoLine{kAndrew, "you can't see my face in a chat 😄"},
    DemoLine{kAndrew, "I'll just type very neutrally. like a Vorlon."},
    DemoLine{kBayko, "that's somehow more ominous"},
    DemoLine{kAndrew, "Kosh would approve"},
    DemoLine{kBayko, "so why the rewatch? you've seen it how many times, three?"},
    DemoLine{kAndrew, "four, if you count the time I fell asleep during most of season 1. I wanted something on in the "
                      "background while I rebuilt my home lab, and two episodes in I'd stopped looking at the "
                      "terminal entirely"},
    DemoLine{kBayko, "classic"},
    DemoLine{kBayko, "I'll admit season 1 was a little rough for me. the pilot felt like a stage play with spaceships"},
    DemoLine{kAndrew, "it is rough in places. the costumes, some of the acting, a couple of episodes that are just... there"},
    DemoLine{kAndrew, "but a surprising amount of season 1 is setup. stuff that looks like filler comes back later, "
                      "sometimes years later"},
    DemoLine{kBayko, "yeah I'm starting to notice that. little lines that seem random and then an episode later you go, oh"},
    DemoLine{kAndrew, "that's the five-year arc. J. Michael Straczynski planned the whole story out before they shot it"},
    DemoLine{kBayko, "I read that he wrote most of the episodes himself?"},
    DemoLine{kAndrew, "a huge chunk of them, yeah, especially later on. he also built a \"trapdoor\" for every main "
                      "character, so if an actor left the show the story could route around it"},
    DemoLine{kBayko, "trapdoors. that's such an engineer way to think about a TV show"},
    DemoLine{kAndrew, "it's basically high availability for plot 😂"},
    DemoLine{kBayko, "multi-AZ storytelling"},
    DemoLine{kAndrew, "ok now I want to write that blog post"},
    DemoLine{kBayko, "please don't"},
    DemoLine{kBayko, "anyway, can we talk about the opening narration? it changes every season"},
    DemoLine{kAndrew, "it does! which one is your favourite so far?"},
    DemoLine{kBayko, "the season 2 one. Sheridan's voice has a different energy than Sinclair's. more hopeful? or more "
                     "worried, I can't decide"},
    DemoLine{kAndrew, "I won't say anything about the later ones except that they're worth paying attention to"},
    DemoLine{kBayko, "see, that right there. that's a face-spoiler in text form"},
    DemoLine{kAndrew, "I said nothing! I'm a wall."},
    DemoLine{kBayko, "a wall with a lot of feelings about opening narrations"},
    DemoLine{kAndrew, "fair"},
    DemoLine{kAndrew, "who's your favourite character so far?"},
    DemoLine{kBayko, "honestly? Londo"},
    DemoLine{kAndrew, "good answer"},
    DemoLine{kBayko, "in season 1 I thought he was just comic relief. the hair, the drinking, the big speeches about "
                     "the lost glory of the Centauri Republic"},
    DemoLine{kBayko, "and then suddenly he's the most interesting person on the station"},
    DemoLine{kAndrew, "Peter Jurasik is incredible. he can make a single look do about six different things"},
    DemoLine{kBayko, "and Vir! I love Vir. he's the only one who ever tells Londo no"},
    DemoLine{kAndrew, "Vir is the heart of the whole show, I will die on that hill"},
    DemoLine{kBayko, "noted. what about G'Kar? I keep going back and forth on him"},
    DemoLine{kAndrew, "hmm. what do you think of him right now?"},
    DemoLine{kBayko, "he's angry, and he has every reason to be angry, and he's also kind of a schemer. but then he'll "
                     "say something genuinely wise and I have to pause the episode for a minute"},
    DemoLine{kAndrew, "keep watching G'Kar. that's all I'll say."},
    DemoLine{kBayko, "that's definitely a spoiler"},
    DemoLine{kAndrew, "it's a recommendation! a very general recommendation"},
    DemoLine{kBayko, "🙄"},
    DemoLine{kAndrew, "Andreas Katsulas deserves everything good. he acted through a full head of prosthetics and still "
                      "gave one of the best performances on 90s TV"},
    DemoLine{kBayko, "ok, I'll trust you on that"},
    DemoLine{kBayko, "Delenn is fascinating too. I was not expecting the chrysalis at the end of season 1"},
    DemoLine{kAndrew, "nobody was! I remember refreshing forums for weeks trying to figure out what it meant"},
    DemoLine{kBayko, "and the Minbari in general. so polite and formal, and then you remember they nearly wiped out Earth"},
    DemoLine{kAndrew, "the Earth-Minbari War backstory is doing a lot of quiet work in those early episodes"},
    DemoLine{kAndrew, "Lennier too. the quiet ones are always the ones to watch"},
    DemoLine{kBayko, "is THAT a spoiler?"},
    DemoLine{kAndrew, "no comment 🤐"},
    DemoLine{kBayko, "you're terrible at this"},
    DemoLine{kAndrew, "I know. switching topics. how are you finding Sheridan?"},
    DemoLine{kBayko, "I liked Sinclair, so I was grumpy about the switch at first. but Sheridan grew on me fast. he has "
                     "this stubborn optimism"},
    DemoLine{kAndrew, "Bruce Boxleitner was a great choice. he's very good at playing a guy who smiles right up until he doesn't"},
    DemoLine{kBayko, "ha, yes. and Ivanova is my favourite part of every episode she's in"},
    DemoLine{kAndrew, "Ivanova is the best. the deadpan is perfect"},
    DemoLine{kBayko, "\"Ivanova is God.\" I laughed out loud at that"},
    DemoLine{kAndrew, "Claudia Christian can make a status report sound like a threat"},
    DemoLine{kBayko, "and Garibaldi. I love that he's kind of a mess but also the most competent person in the room half the time"},
    DemoLine{kAndrew, "Garibaldi and his Daffy Duck cartoons"},
    DemoLine{kBayko, "yes!! that's exactly the kind of detail that makes the station feel like a real place"},
    DemoLine{kAndrew, "that's what I love about it. the station is a character. the docking bays, the Zocalo, Downbelow, "
                      "the garden in the middle of it all"},
    DemoLine{kBayko, "speaking of which, the CGI. I know it's dated but I kind of love it?"},
    DemoLine{kAndrew, "same. it was groundbreaking at the time. a lot of the early effects were done on Amigas running "
                      "LightWave, which was wild for a weekly TV show in 1994"},
    DemoLine{kBayko, "the Starfuries still look amazing to me. they actually move like they're in space"},
    DemoLine{kAndrew, "right? they spin around and fire backwards. most sci-fi just does WW2 dogfights with lasers"},
    DemoLine{kBayko, "the ships look like toys in some shots and then absolutely enormous in others"},
    DemoLine{kAndrew, "the remaster helped a bit, but a lot of the effects shots only ever existed in standard definition, "
                      "so they'll never look truly crisp"},
    DemoLine{kBayko, "I'm fine with it. it's part of the charm"},
    DemoLine{kBayko, "ok, real question, and you can only answer yes or no: are the Shadows as scary as the show keeps hinting?"},
    DemoLine{kAndrew, "..."},
    DemoLine{kAndrew, "yes."},
    DemoLine{kBayko, "great. wonderful. love that for me"},
    DemoLine{kAndrew, "you asked!"},
    DemoLine{kBayko, "every time someone mentions something ancient waking up on the rim I get actual chills"},
    DemoLine{kAndrew, "the slow build is the best part. the show trusts you to be patient"},
    DemoLine{kBayko, "and the Vorlons. what IS Kosh. why does he talk like a fortune cookie"},
    DemoLine{kAndrew, "Vorlons don't do straight answers. that's kind of the point"},
    DemoLine{kBayko, "well it's working. I'm very unsettled"},
    DemoLine{kAndrew, "I've waited years for someone at work to watch this show with me, I'm enjoying this way too much"},
    DemoLine{kBayko, "I can tell. fine. I'll allow it."},
    DemoLine{kBayko, "the two questions thing though. \"Who are you?\" \"What do you want?\" I keep asking myself those"},
    DemoLine{kAndrew, "those two questions are the whole show, in a way"},
    DemoLine{kAndrew, "and I'll leave it there before I say something I shouldn't"},
    DemoLine{kBayko, "thank you for your restraint 🙏"},
    DemoLine{kAndrew, "how many episodes are you doing a week?"},
    DemoLine{kBayko, "two or three. more on weekends. my partner has started watching over my shoulder, which is new"},
    DemoLine{kAndrew, "the ambient-viewer-gets-hooked pipeline. classic"},
    DemoLine{kBayko, "she asked who the guy with the big hair was and now she has opinions about the Centauri court"},
    DemoLine{kAndrew, "as she should"},
    DemoLine{kAndrew, "ok, proposal. I'm still in season 1 on my rewatch, but I could jump ahead to wherever you are and "
                      "we watch in parallel"},
    DemoLine{kBayko, "you'd skip the rest of season 1?"},
    DemoLine{kAndrew, "I've seen it four times. and I'd rather watch season 2 with someone seeing it for the first time "
                      "than watch season 1 alone"},
    DemoLine{kBayko, "that's honestly very sweet"},
    DemoLine{kAndrew, "I'm a sweet guy. also I want to see your reactions to some things 😈"},
    DemoLine{kBayko, "and there it is"},
    DemoLine{kAndrew, "I'll be good. I'll stay quiet in the chat during the big episodes"},
    DemoLine{kBayko, "you? quiet? I'll believe it when I see it"},
    DemoLine{kAndrew, "fair. which episode are you on exactly?"},
    DemoLine{kBayko, "I just finished \"The Geometry of Shadows\" last night"},
    DemoLine{kAndrew, "oh nice, the Ivanova is God one. great Londo and Vir episode too. ok, I'll catch up to there"},
    DemoLine{kBayko, "so next one tonight? I can start around 8"},
    DemoLine{kAndrew, "8 works. I'll have tea ready and my spoiler filter on"},
    DemoLine{kBayko, "deal. see you on the station 🚀"},
    DemoLine{kAndrew, "see you there. oh, and bayko?"},
    DemoLine{kBayko, "yes?"},
    DemoLine{kAndrew, "the avalanche has already started"},
    DemoLine{kBayko, "what does that even mean"},
    DemoLine{kAndrew, "you'll see 😄 tonight at 8"},
};

}  // namespace

std::span<const DemoLine> demo_conversation() { return kConversation; }

}  // namespace cruddur::app
