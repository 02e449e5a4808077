#pragma once

#include <string>
#include <utility>
#include <variant>

namespace benchlens {

// The outcome of an operation that either works or fails with a message for the user (open, write, export).
// Stands in for std::expected until the project moves to C++23.
struct Error
{
    std::string message;
};

template <typename T> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    { }
    Result(Error error)
        : m_value(std::move(error))
    { }

    bool ok() const { return std::holds_alternative<T>(m_value); }
    explicit operator bool() const { return ok(); }
    const T& value() const& { return std::get<T>(m_value); }
    T& value() & { return std::get<T>(m_value); }
    T&& value() && { return std::get<T>(std::move(m_value)); }
    const std::string& error() const { return std::get<Error>(m_value).message; }

private:
    std::variant<T, Error> m_value;
};

struct Ok
{
};
using Status = Result<Ok>;

} // namespace benchlens
