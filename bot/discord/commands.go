package discord

import (
	"github.com/bwmarrin/discordgo"

	"github.com/racebot/racebot/bot"
)

// The names of the commands' options.
const (
	optQuestion = "question"
	optTopic    = "topic"
	optQuery    = "query"
	optPrivate  = "private"
)

// Commands returns the slash command definitions racebot registers:
// /ask question: [private:], /figures topic: [private:], /sources [query:]
// and /help. They are registered with a bulk overwrite, which replaces the
// whole set, so renaming or removing a command leaves no stale copy.
func Commands() []*discordgo.ApplicationCommand {
	privateOpt := &discordgo.ApplicationCommandOption{
		Type:        discordgo.ApplicationCommandOptionBoolean,
		Name:        optPrivate,
		Description: "Show the answer only to you",
	}
	return []*discordgo.ApplicationCommand{
		{
			Name:        string(bot.CommandAsk),
			Type:        discordgo.ChatApplicationCommand,
			Description: "Ask about the AI race; I answer by quoting news articles, with their sources",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optQuestion,
					Description: "Your question, e.g. How many GPUs does DeepSeek have?",
					Required:    true,
					MaxLength:   bot.MaxQuestionLen,
				},
				privateOpt,
			},
		},
		{
			Name:        string(bot.CommandFigures),
			Type:        discordgo.ChatApplicationCommand,
			Description: "The figures the articles give on a topic, with who gives them",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optTopic,
					Description: "A topic, e.g. Nvidia market value",
					Required:    true,
					MaxLength:   bot.MaxQuestionLen,
				},
				privateOpt,
			},
		},
		{
			Name:        string(bot.CommandTimeline),
			Type:        discordgo.ChatApplicationCommand,
			Description: "What the articles say happened on a topic, newest first, each dated and cited",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optTopic,
					Description: "A topic, e.g. H20 sales, or Stargate since:2025",
					Required:    true,
					MaxLength:   bot.MaxQuestionLen,
				},
				privateOpt,
			},
		},
		{
			Name:        string(bot.CommandSources),
			Type:        discordgo.ChatApplicationCommand,
			Description: "The articles I answer from, newest first",
			Options: []*discordgo.ApplicationCommandOption{
				{
					Type:        discordgo.ApplicationCommandOptionString,
					Name:        optQuery,
					Description: "Only articles whose title, publisher or tags hold these words",
					MaxLength:   bot.MaxQuestionLen,
				},
			},
		},
		{
			Name:        string(bot.CommandHelp),
			Type:        discordgo.ChatApplicationCommand,
			Description: "What I can answer and how to ask",
		},
	}
}
