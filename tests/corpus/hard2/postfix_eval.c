#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LINE_SIZE 256
#define STACK_CAPACITY 64

struct stack {
    double values[STACK_CAPACITY];
    int size;
};

static int push(struct stack *stack, double value)
{
    if (stack->size == STACK_CAPACITY)
        return 0;
    stack->values[stack->size++] = value;
    return 1;
}

static int pop(struct stack *stack, double *value)
{
    if (stack->size == 0)
        return 0;
    *value = stack->values[--stack->size];
    return 1;
}

static int is_operator(const char *token)
{
    return strlen(token) == 1 && strchr("+-*/", token[0]) != NULL;
}

static int apply_operator(char op, double left, double right, double *result)
{
    switch (op) {
    case '+':
        *result = left + right;
        return 1;
    case '-':
        *result = left - right;
        return 1;
    case '*':
        *result = left * right;
        return 1;
    case '/':
        if (right == 0.0)
            return 0;
        *result = left / right;
        return 1;
    }
    return 0;
}

static const char *evaluate(char *expression, double *result)
{
    struct stack stack = { .size = 0 };
    const char *separators = " \t";

    for (char *token = strtok(expression, separators); token != NULL;
         token = strtok(NULL, separators)) {
        if (is_operator(token)) {
            double left, right, value;
            if (!pop(&stack, &right) || !pop(&stack, &left))
                return "not enough operands";
            if (!apply_operator(token[0], left, right, &value))
                return "division by zero";
            push(&stack, value);
        } else {
            char *end;
            double number = strtod(token, &end);
            if (*end != '\0')
                return "unknown token";
            if (!push(&stack, number))
                return "stack overflow";
        }
    }
    if (stack.size == 0)
        return "empty expression";
    if (stack.size > 1)
        return "too many operands";
    *result = stack.values[0];
    return NULL;
}

int main(void)
{
    char line[LINE_SIZE];
    char expression[LINE_SIZE];

    while (fgets(line, sizeof line, stdin) != NULL) {
        double result;
        line[strcspn(line, "\n")] = '\0';
        strcpy(expression, line);
        const char *error = evaluate(expression, &result);
        if (error != NULL)
            printf("\"%s\": error: %s\n", line, error);
        else
            printf("\"%s\" = %g\n", line, result);
    }
    return 0;
}
