#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_TEAMS 20
#define NAME_SIZE 32
#define POINTS_FOR_WIN 3
#define POINTS_FOR_DRAW 1

struct team {
    char name[NAME_SIZE];
    int played, won, drawn, lost;
    int goals_for, goals_against;
    int points;
};

static struct team teams[MAX_TEAMS];
static int team_count = 0;

static struct team *find_or_add_team(const char *name)
{
    for (int i = 0; i < team_count; i++)
        if (strcmp(teams[i].name, name) == 0)
            return &teams[i];
    if (team_count == MAX_TEAMS)
        return NULL;
    struct team *team = &teams[team_count++];
    memset(team, 0, sizeof *team);
    snprintf(team->name, sizeof team->name, "%s", name);
    return team;
}

static void record_match(struct team *home, struct team *away, int home_goals, int away_goals)
{
    home->played++;
    home->goals_for += home_goals;
    home->goals_against += away_goals;
    if (home_goals > away_goals) {
        home->won++;
        home->points += POINTS_FOR_WIN;
    } else if (home_goals == away_goals) {
        home->drawn++;
        home->points += POINTS_FOR_DRAW;
    } else {
        home->lost++;
    }

    away->played++;
    away->goals_for += away_goals;
    away->goals_against += home_goals;
    if (away_goals > home_goals) {
        away->won++;
        away->points += POINTS_FOR_WIN;
    } else if (away_goals == home_goals) {
        away->drawn++;
        away->points += POINTS_FOR_DRAW;
    } else {
        away->lost++;
    }
}

static int read_results(void)
{
    char home_name[NAME_SIZE], away_name[NAME_SIZE];
    int home_goals, away_goals;
    int matches = 0;

    while (scanf("%31s %31s %d %d", home_name, away_name, &home_goals, &away_goals) == 4) {
        struct team *home = find_or_add_team(home_name);
        struct team *away = find_or_add_team(away_name);
        if (home == NULL || away == NULL) {
            printf("too many teams, stopping\n");
            break;
        }
        record_match(home, away, home_goals, away_goals);
        matches++;
    }
    return matches;
}

static int goal_difference(const struct team *team)
{
    return team->goals_for - team->goals_against;
}

static int compare_teams(const void *lhs, const void *rhs)
{
    const struct team *first = lhs;
    const struct team *second = rhs;

    if (first->points != second->points)
        return second->points - first->points;
    if (goal_difference(first) != goal_difference(second))
        return goal_difference(second) - goal_difference(first);
    return strcmp(first->name, second->name);
}

static void print_table(void)
{
    printf("%-3s %-12s %2s %2s %2s %2s %7s %3s\n", "#", "team", "P", "W", "D", "L", "goals", "Pts");
    for (int i = 0; i < team_count; i++) {
        const struct team *team = &teams[i];
        printf("%-3d %-12s %2d %2d %2d %2d %3d:%-3d %3d\n", i + 1, team->name, team->played,
               team->won, team->drawn, team->lost, team->goals_for, team->goals_against,
               team->points);
    }
}

int main(void)
{
    int matches = read_results();

    qsort(teams, (size_t)team_count, sizeof teams[0], compare_teams);
    printf("%d matches played\n", matches);
    print_table();
    return 0;
}
